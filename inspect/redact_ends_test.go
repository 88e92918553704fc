package inspect

import (
	"strings"
	"testing"
)

// Text that endsLikeJSON turns away is text the JSON reader refuses: every
// cut of JSON documents (objects, arrays, strings, numbers, literals, with
// white space and escapes), and a few that are not JSON at all.
func TestEndsLikeJSON(t *testing.T) {
	docs := []string{
		`{"data":[{"id":"usr_1","name":"In\u00e8s \"L5\"","n":-1.5e+3,"ok":true,"no":false,"x":null}],"more":{}}`,
		"[ 1 , 2.0 ,\n\t\"a\\\\\" , [ ] , { } ]\r\n",
		`"just a string"`, `12345`, `true`, `false`, `null`, `{} {}`, " \n{\"a\":[]}\t ",
		`<html>not json</html>`, `a=b&c=d`, `{"a":1,}`, `NaN`, `Infinity`, `{"a":1}garbage`,
	}
	refused, parsed := 0, 0
	for _, d := range docs {
		for i := 0; i <= len(d); i++ {
			for _, s := range []string{d[:i], strings.TrimSpace(d[:i]) + " "} {
				var tr jtree
				ok := tr.parse([]byte(s)) == nil
				if ok {
					parsed++
				}
				if !endsLikeJSON(s) {
					refused++
					if ok {
						t.Fatalf("endsLikeJSON(%q) = false, but it reads as JSON", s)
					}
				}
			}
		}
	}
	if refused < 100 || parsed < 10 {
		t.Errorf("%d cuts refused, %d parsed: the comparison says little", refused, parsed)
	}
}
