package report

import (
	_ "embed"
	"html/template"
	"io"
	"sync"
)

//go:embed report.html.tmpl
var page string

//go:embed function.html.tmpl
var functionPage string

// tmpl is the parsed page, built on the first report: parsing it at
// package initialisation cost every start of the coach about 0.5 ms for a
// page only the report command writes.
var tmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"F":   F,
		"add": func(a, b float64) float64 { return a + b },
		"sub": func(a, b float64) float64 { return a - b },
		"div": func(a, b float64) float64 { return a / b },
	}).Parse(page + functionPage))
})

// Write builds the report of in and writes it as one HTML page.
func Write(w io.Writer, in Input) error {
	return WriteReport(w, Build(in))
}

// WriteReport writes a built report as one HTML page.
func WriteReport(w io.Writer, r Report) error {
	return tmpl().Execute(w, r)
}
