//go:build !unix

package screen

import tea "github.com/charmbracelet/bubbletea"

func (r *Renderer) watchStops() func() { return func() {} }
func suspend() tea.Msg                 { return nil }
