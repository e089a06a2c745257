package clipboard

import "strings"

func candidates() []reader {
	return []reader{{"powershell.exe", []string{"-NoProfile", "-NonInteractive", "-Command", "Get-Clipboard -Raw"}}}
}

// trimmed drops the line end PowerShell adds and Windows' carriage returns.
func trimmed(s string) string {
	return strings.ReplaceAll(strings.TrimSuffix(s, "\r\n"), "\r\n", "\n")
}
