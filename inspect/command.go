package inspect

import (
	"errors"
	"strconv"
	"strings"
)

// commandFlavour is the syntax a pasted command is written in.
type commandFlavour int

const (
	flavourBash commandFlavour = iota
	flavourCmd
	flavourPowerShell
	flavourFetch
)

// ParseCommand reads a command copied from a browser's DevTools, a terminal
// or a ticket — curl in bash/zsh or Windows cmd syntax ("Copy as cURL"),
// PowerShell's Invoke-WebRequest/Invoke-RestMethod or curl.exe ("Copy as
// PowerShell"), or fetch ("Copy as fetch", also the Node.js variant) — and
// returns one Entry per request it would send, with the request as curl (or
// the browser, or PowerShell) would put it on the wire.
//
// Nothing is executed or expanded: shell variables, command substitutions
// and the like stay in the values as written and are named in
// curl.unexpanded findings. Files the command reads (-d @file, -b
// cookies.txt, -F f=@x) are not read; the flags say so. Options curl would
// refuse are kept and named in curl.malformed findings rather than failing.
//
// The headers follow curl 7.88 (Debian 12): it adds Host, User-Agent
// (curl/7.88.1) and Accept itself. PowerShell and fetch requests list only
// what the command sets (plus what the command implies, such as a cookie
// from the web session or fetch's text/plain content type): the headers
// PowerShell or the browser add on their own are not modelled.
//
// The error is a *CommandError with a position. When the paste is cut off
// (errors.Is(err, ErrIncompleteCommand)) the Case holds what could be read
// by closing the open quote.
func ParseCommand(text string) (Case, error) {
	c := Case{Kind: KindCurl}
	if len(text) > MaxCommandBytes {
		return c, errAt(text, MaxCommandBytes, false, "the command is %s; whydenied reads commands of at most %s", byteSize(len(text)), byteSize(MaxCommandBytes))
	}
	var cmds []parsedCommand
	var err error
	switch detectFlavour(text) {
	case flavourFetch:
		cmds, err = fetchCommands(text)
	case flavourPowerShell:
		cmds, err = powerShellCommands(text)
	case flavourCmd:
		var sc []shellCmd
		sc, err = cmdCommands(text)
		cmds = curlCommands(newPositions(text), sc)
	default:
		var sc []shellCmd
		sc, err = bashCommands(text)
		cmds = curlCommands(newPositions(text), sc)
	}
	for _, pc := range cmds {
		pc.findings = capFindings(pc.findings)
		for i, r := range pc.requests {
			fs := append([]Finding(nil), pc.findings...)
			if i < len(pc.perRequest) {
				fs = append(fs, pc.perRequest[i]...)
			}
			c.Entries = append(c.Entries, Entry{
				Index:    len(c.Entries),
				Request:  r,
				Findings: fs,
			})
		}
		if len(pc.requests) == 0 {
			c.Findings = append(c.Findings, pc.findings...)
		}
	}
	if err != nil {
		if len(c.Entries) > 0 {
			c.Findings = append(c.Findings, readInPart(err))
		}
		return c, err
	}
	if len(c.Entries) == 0 {
		if len(cmds) > 0 {
			return c, errAt(text, firstNonSpace(text), false, "no URL in the command")
		}
		return c, errAt(text, firstNonSpace(text), false, "no curl, PowerShell or fetch command found")
	}
	return c, nil
}

// readInPart is the curl.malformed finding that puts the position of a
// command read only in part into the report itself, beside the judgement
// of what was read.
func readInPart(err error) Finding {
	var ce *CommandError
	if !errors.As(err, &ce) {
		return newFinding(CodeCurlMalformed, "The command was read only in part", err.Error(), "")
	}
	at := strconv.Itoa(ce.Line) + ":" + strconv.Itoa(ce.Col)
	detail := "From there the text cannot be read as a command; what comes before it is judged."
	if ce.Incomplete {
		detail = "The paste looks cut off: a shell would wait for the rest and curl would not run yet. What was read up to there is judged"
		if strings.Contains(ce.Msg, "quote") {
			detail += " (the open quote is closed at the end of the paste)"
		}
		detail += "; paste the whole command to judge all of it."
	}
	return newFinding(CodeCurlMalformed,
		"The command was read only in part: "+ce.Msg+" at "+at,
		detail,
		ce.Msg+" at "+at)
}

// maxCommandFindings bounds the findings kept per command, so a
// pathological paste (thousands of $VARs) cannot blow up the report.
const maxCommandFindings = 50

func capFindings(fs []Finding) []Finding {
	if len(fs) <= maxCommandFindings {
		return fs
	}
	extra := len(fs) - maxCommandFindings
	out := append([]Finding(nil), fs[:maxCommandFindings]...)
	return append(out, newFinding(CodeCurlMalformed,
		"More findings left out",
		strconv.Itoa(extra)+" more findings about this command are not listed.",
		"").withSeverity(SeverityInfo))
}

// parsedCommand is one command of a paste with the requests it sends.
type parsedCommand struct {
	requests []Request
	findings []Finding // about the whole command
	// perRequest holds findings about one request (its URL), by index.
	perRequest [][]Finding
}

// curlCommands runs curl's option parser over each shell command.
func curlCommands(pos *positions, cmds []shellCmd) []parsedCommand {
	var out []parsedCommand
	for _, sc := range cmds {
		pc := parsedCommand{findings: sc.findings}
		configs, fs := parseCurlArgs(pos, sc.words, sc.stdin)
		pc.findings = append(pc.findings, fs...)
		for _, cfg := range configs {
			if len(cfg.urls) == 0 {
				off := cfg.nextOffset
				if len(sc.words) > 0 && off == 0 {
					off = sc.words[0].Off
				}
				pc.findings = append(pc.findings, newFinding(CodeCurlMalformed,
					"No URL",
					"curl stops with \"no URL specified\" for this command (or --next group).",
					"at "+pos.at(off)))
				continue
			}
			for len(pc.perRequest) < len(pc.requests) {
				pc.perRequest = append(pc.perRequest, nil)
			}
			reqs, rfs := cfg.requests(pos)
			pc.requests = append(pc.requests, reqs...)
			pc.perRequest = append(pc.perRequest, rfs...)
		}
		out = append(out, pc)
	}
	return out
}

func firstNonSpace(text string) int {
	return len(text) - len(strings.TrimLeft(text, " \t\r\n"))
}

// LooksLikeCommand reports whether text starts like a command ParseCommand
// reads: curl, curl.exe, Invoke-WebRequest/Invoke-RestMethod (or their
// aliases), a PowerShell web session, or fetch(…). It looks only at the
// first word of the first line that is not blank or a comment.
func LooksLikeCommand(text string) bool {
	for line := range strings.Lines(text) {
		l := strings.TrimSpace(line)
		if l == "" || strings.HasPrefix(l, "#") || strings.HasPrefix(l, "//") || strings.HasPrefix(l, "REM ") || strings.HasPrefix(l, "::") {
			continue
		}
		l = strings.TrimPrefix(l, "$ ")
		l = strings.TrimPrefix(l, "sudo ")
		l = strings.TrimPrefix(l, "& ")
		low := strings.ToLower(l)
		for _, p := range []string{"curl ", "curl.exe ", "curl\t", "invoke-webrequest", "invoke-restmethod", "iwr ", "irm ", "fetch(", "fetch (", "await fetch", "$session", "\"curl\"", "'curl'"} {
			if strings.HasPrefix(low, p) {
				return true
			}
		}
		if strings.HasSuffix(low, "curl") || strings.HasSuffix(low, "curl.exe") {
			return true
		}
		return strings.Contains(low, "/curl ") || strings.Contains(low, "\\curl.exe ")
	}
	return false
}

// detectFlavour guesses the syntax from marks each flavour leaves.
func detectFlavour(text string) commandFlavour {
	t := strings.TrimSpace(text)
	low := strings.ToLower(t)
	first := low
	if i := strings.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	switch {
	case strings.HasPrefix(low, "fetch(") || strings.HasPrefix(low, "fetch (") || strings.HasPrefix(low, "await fetch") || strings.HasPrefix(low, "const ") && strings.Contains(low, "fetch("):
		return flavourFetch
	case strings.Contains(low, "invoke-webrequest") || strings.Contains(low, "invoke-restmethod") ||
		strings.HasPrefix(first, "iwr ") || strings.HasPrefix(first, "irm ") || strings.Contains(low, "$r = i") ||
		strings.Contains(low, "new-object microsoft.powershell") || strings.Contains(low, "$env:") ||
		strings.Contains(t, "`\n") || strings.Contains(t, "`\r\n"):
		return flavourPowerShell
	case strings.Contains(t, "^\"") || strings.Contains(t, " ^\n") || strings.Contains(t, " ^\r\n"):
		return flavourCmd
	case strings.Contains(low, "curl.exe") && (strings.Contains(t, " & ") || hasCmdVar(t)):
		return flavourCmd
	case strings.Contains(low, "curl.exe") && strings.Contains(t, "'"):
		return flavourPowerShell
	}
	return flavourBash
}

// hasCmdVar reports a %NAME% reference, cmd's variable syntax.
func hasCmdVar(t string) bool {
	for i := 0; i < len(t); i++ {
		if cmdVarLen(t[i:]) > 0 {
			return true
		}
	}
	return false
}
