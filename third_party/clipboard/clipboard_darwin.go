package clipboard

func candidates() []reader { return []reader{{"pbpaste", nil}} }

func trimmed(s string) string { return s }
