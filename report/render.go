package report

import (
	_ "embed"
	"html/template"
	"io"
)

//go:embed report.html.tmpl
var page string

//go:embed function.html.tmpl
var functionPage string

var tmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"F":   F,
	"add": func(a, b float64) float64 { return a + b },
	"sub": func(a, b float64) float64 { return a - b },
	"div": func(a, b float64) float64 { return a / b },
}).Parse(page + functionPage))

// Write builds the report of in and writes it as one HTML page.
func Write(w io.Writer, in Input) error {
	return WriteReport(w, Build(in))
}

// WriteReport writes a built report as one HTML page.
func WriteReport(w io.Writer, r Report) error {
	return tmpl.Execute(w, r)
}
