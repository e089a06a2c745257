package tui

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spinecoach/spinecoach/internal/safetext"
	"github.com/spinecoach/spinecoach/routine"
)

// ErrSetupSkipped is AskSetup's answer when the patient typed skip.
var ErrSetupSkipped = errors.New("setup skipped")

// ErrSetupUnfinished is AskSetup's answer when the input ended first.
var ErrSetupUnfinished = errors.New("setup was not finished (the input ended): nothing was saved")

// maxAnswer bounds one typed answer; what is longer is not an answer.
const maxAnswer = 200

// SetupQuestion is the setup asked line by line, for a screen reader, a
// braille display or a dumb terminal: every question written out and
// numbered, each answer typed and ended with Enter (the terminal, cooked,
// echoes it), said back once taken. Enter alone takes nothing: it says
// what to type.
type SetupQuestion struct {
	In      io.Reader // read a byte at a time: what follows setup is left for the session
	Out     io.Writer
	Program routine.Program
	Now     time.Time
	Order   routine.DateOrder
}

// Ask asks the three questions and returns the answers, the date as
// YYYY-MM-DD; ErrSetupSkipped when the patient typed skip, and
// ErrSetupUnfinished when the input ended first.
func (q SetupQuestion) Ask() (SetupAnswers, error) {
	a := NewSetupAnswers()
	q.say(coachNotice)
	q.say("Setup: 3 questions. Type each answer and press Enter. Type skip to skip setup; phase 1 then runs until you set up.")
	var err error
	q.say("Question 1 of 3: " + dateQuestion(q.Order))
	if a.SurgeryDate, err = q.answer(func(s string) (string, error) { return checkDate(s, q.Now, q.Order) }); err != nil {
		return a, err
	}
	if a.Region, err = askChoice(q, "Question 2 of 3: "+questionRegion, regionChoices()); err != nil {
		return a, err
	}
	if a.ClearedPhase, err = askChoice(q, "Question 3 of 3: "+questionPhase, phaseChoices(q.Program, 0)); err != nil {
		return a, err
	}
	return a, nil
}

// askChoice asks a numbered question and returns the value chosen.
func askChoice[T any](q SetupQuestion, title string, choices []choice[T]) (T, error) {
	q.say(fmt.Sprintf("%s Type a number from 1 to %d:", title, len(choices)))
	for i, c := range choices {
		q.say(fmt.Sprintf("  %d. %s", i+1, c.label))
	}
	var picked T
	_, err := q.answer(func(s string) (string, error) {
		if s == "" {
			return "", fmt.Errorf("type a number from 1 to %d", len(choices))
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > len(choices) {
			return "", fmt.Errorf("%q is not one of the numbers: type a number from 1 to %d", s, len(choices))
		}
		picked = choices[n-1].value
		return choices[n-1].label, nil
	})
	return picked, err
}

// answer reads lines until check takes one, saying back what it took
// or, for Enter alone or a wrong answer, what to type.
func (q SetupQuestion) answer(check func(string) (string, error)) (string, error) {
	for {
		line, err := q.readLine()
		if err != nil {
			return "", err
		}
		switch {
		case strings.EqualFold(line, "skip"):
			return "", ErrSetupSkipped
		case line == "":
			_, why := check("")
			q.say("Nothing was typed, so nothing was taken. " + sentence(why))
			continue
		}
		got, why := check(line)
		if why != nil {
			q.say(sentence(why))
			continue
		}
		q.say("Your answer: " + got + ".")
		return got, nil
	}
}

// readLine reads one line a byte at a time, without its end; ErrSetupUnfinished
// when the input ends before a line does.
func (q SetupQuestion) readLine() (string, error) {
	var b strings.Builder
	var one [1]byte
	for {
		n, err := q.In.Read(one[:])
		if n == 1 {
			if one[0] == '\n' {
				return strings.TrimSpace(b.String()), nil
			}
			if b.Len() < maxAnswer {
				b.WriteByte(one[0])
			}
			continue
		}
		if err != nil {
			return "", ErrSetupUnfinished
		}
	}
}

// say writes a line; labels come from a prescription file, answers from
// the keyboard: safetext keeps their control characters off the terminal.
func (q SetupQuestion) say(line string) { fmt.Fprintln(q.Out, safetext.Line(line)) }

// sentence is an error as a sentence: a capital first, a full stop last.
func sentence(err error) string {
	s := err.Error()
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
