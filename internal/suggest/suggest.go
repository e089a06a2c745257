// Package suggest finds the word a mistyped one was probably meant to be,
// for "did you mean start?": the nearest by edits, a swap of two
// neighbouring letters counting as one edit (strat is one from start).
package suggest

// Nearest is the candidate closest to word, or "" when none is close
// enough to be a likely typo (at most 1 edit for words of up to 4
// letters, 2 for longer ones) or two are equally close: phase9 is as near
// phase1 as phase2, and naming one would be a guess.
func Nearest(word string, candidates []string) string {
	best, bestD, tie := "", 0, false
	for _, c := range candidates {
		switch d := distance(word, c); {
		case best == "" || d < bestD:
			best, bestD, tie = c, d, false
		case d == bestD && c != best:
			tie = true
		}
	}
	if tie {
		return ""
	}
	limit := 2
	if len([]rune(word)) <= 4 {
		limit = 1
	}
	if bestD > limit {
		return ""
	}
	return best
}

// distance is the optimal string alignment distance: insertions,
// deletions, substitutions and swaps of neighbours, each one edit.
func distance(a, b string) int {
	s, t := []rune(a), []rune(b)
	d := make([][]int, len(s)+1)
	for i := range d {
		d[i] = make([]int, len(t)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(s); i++ {
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(s)][len(t)]
}
