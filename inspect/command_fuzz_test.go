package inspect

import (
	"errors"
	"strings"
	"testing"
)

// commandSeeds are nasty inputs shared by the fuzz targets: cut-off quotes
// and continuations, deep nesting, stray escapes at the end, odd bytes.
var commandSeeds = []string{
	"",
	// Nesting at the limit and past it (the shell parser must never
	// see deeper nesting: a stack overflow cannot be recovered).
	"curl https://a/ \"" + strings.Repeat("$(", 199) + "x" + strings.Repeat(")", 199) + "\"",
	"curl https://a/ " + strings.Repeat("${a:-", 201),
	"curl https://a/; " + strings.Repeat("if ", 201),
	"curl https://a/ -d $'\\'(' '" + strings.Repeat("(", 250) + "'",
	"curl",
	"curl '",
	"curl \"",
	"curl $'\\",
	"curl $'\\x",
	"curl $'\\u{",
	"curl x \\",
	"curl x \\ \n -H a",
	"curl x &&",
	"curl x |",
	"curl $(",
	"curl ${",
	"curl `",
	"curl -H",
	"curl --",
	"curl -",
	"curl --no-",
	"curl -:",
	"curl --url",
	"curl -F",
	"curl -F '=@'",
	"curl -F 'a=\"'",
	"curl -F 'a=b;type='",
	"curl -u",
	"curl 'http://[::1'",
	"curl 'http://@:/?#'",
	"curl 'http://a/%'",
	"curl 'http://a/%4'",
	"curl 'http://u:%zz@h/'",
	"curl -d @ -d '' --data-urlencode @ --data-urlencode = x",
	"curl ^",
	"curl ^\"",
	"curl ^\n",
	"curl ^\"a^\" ^\r\n",
	"curl \"\\\\\\\"\"",
	"curl %",
	"curl %A",
	"curl %A%",
	"Invoke-WebRequest",
	"Invoke-WebRequest -Uri",
	"Invoke-WebRequest -Headers @{",
	"Invoke-WebRequest -Headers @{ a",
	"Invoke-WebRequest -Headers @{ a =",
	"Invoke-WebRequest -Body \"`",
	"Invoke-WebRequest -Body \"$(",
	"Invoke-WebRequest -Body \"$([char]",
	"Invoke-WebRequest -Body \"$([char]99999999999)\"",
	"Invoke-WebRequest -Body @\"",
	"Invoke-WebRequest -Body @\"\n",
	"Invoke-WebRequest -Body @\"\n\"@",
	"Invoke-WebRequest -Body '",
	"Invoke-WebRequest -Body “x",
	"Invoke-WebRequest -Body ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((x",
	"Invoke-WebRequest `",
	"Invoke-WebRequest ${",
	"Invoke-WebRequest {",
	"$session.Cookies.Add((New-Object System.Net.Cookie(\"a\"",
	"curl.exe '",
	"fetch(",
	"fetch(\"",
	"fetch(\"x\"",
	"fetch(\"x\",",
	"fetch(\"x\", {",
	"fetch(\"x\", {\"a\"",
	"fetch(\"x\", {\"a\":",
	"fetch(`${`",
	"fetch(\"\\u",
	"fetch(\"\\u{110000}\")",
	"fetch(\"\\ud800\\u",
	"fetch(\"x\", {a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
	"fetch(\"x\", {body: JSON.stringify(",
	"fetch(\"x\", {headers: new Headers(",
	"fetch(\"x\" /*",
	"curl \x00\xff\xfe 'http://a'",
	"curl -H $'\\xff\\xfe' http://a",
}

// checkCommandResult asserts the invariants every answer must keep: an
// error is a *CommandError whose position lies inside the input.
func checkCommandResult(t *testing.T, text string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var ce *CommandError
	if !errors.As(err, &ce) {
		t.Fatalf("error %v (%T) is not a *CommandError", err, err)
	}
	maxLine, _ := lineCol(text, len(text))
	if ce.Line < 1 || ce.Line > maxLine || ce.Col < 1 {
		t.Fatalf("error %v: position outside the input (%d lines)", err, maxLine)
	}
	if ce.Msg == "" {
		t.Fatal("error without a message")
	}
}

func seedAll(f *testing.F) {
	for _, s := range commandSeeds {
		f.Add(s)
	}
	for _, c := range realCurlCorpus {
		f.Add(c.cmd)
	}
}

// FuzzParseCommand drives the whole parser: detection, every front end,
// curl's options, request building.
func FuzzParseCommand(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, text string) {
		c, err := ParseCommand(text)
		checkCommandResult(t, text, err)
		for i, e := range c.Entries {
			if e.Index != i {
				t.Fatalf("entry %d has index %d", i, e.Index)
			}
		}
		LooksLikeCommand(text)
	})
}

// FuzzBashCommands is the bash front end alone.
func FuzzBashCommands(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, text string) {
		_, err := bashCommands(text)
		checkCommandResult(t, text, err)
	})
}

// FuzzCmdCommands is the Windows cmd front end alone.
func FuzzCmdCommands(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, text string) {
		_, err := cmdCommands(text)
		checkCommandResult(t, text, err)
	})
}

// FuzzPowerShellCommands is the PowerShell front end alone.
func FuzzPowerShellCommands(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, text string) {
		_, err := powerShellCommands(text)
		checkCommandResult(t, text, err)
	})
}

// FuzzFetchCommands is the fetch front end alone.
func FuzzFetchCommands(f *testing.F) {
	seedAll(f)
	f.Fuzz(func(t *testing.T, text string) {
		_, err := fetchCommands(text)
		checkCommandResult(t, text, err)
	})
}

// FuzzCurlArgs feeds curl's option parser and request builder arbitrary
// arguments (NUL-separated), bypassing any shell.
func FuzzCurlArgs(f *testing.F) {
	f.Add("-sSLkXPOST\x00-H\x00x;\x00--json\x00{}\x00http://a/b?c#d")
	f.Add("--next\x00--url\x00\x00-F\x00a=@\x00-u\x00:\x00--oauth2-bearer")
	f.Add("-G\x00-d\x00a\x00--data-urlencode\x00=\x00http://[::1]:99/%zz")
	f.Add("--hea\x00--no-\x00--=\x00-\x00--cert\x00a\\:b:c\x00http://u@/")
	f.Fuzz(func(t *testing.T, args string) {
		words := []shellWord{{Value: "curl"}}
		start := 0
		for i := 0; i <= len(args); i++ {
			if i == len(args) || args[i] == 0 {
				words = append(words, shellWord{Value: args[start:i], Off: start})
				start = i + 1
			}
		}
		for _, pc := range curlCommands(newPositions(args), []shellCmd{{words: words}}) {
			for _, r := range pc.requests {
				if r.Method == "" {
					t.Fatalf("request without a method: %+v", r)
				}
			}
		}
	})
}
