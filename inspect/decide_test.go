package inspect

import "testing"

// Each precedence rule of decide, from its comment, on the smallest case
// that shows it.
func TestDecidePrecedence(t *testing.T) {
	err := func(code string) Finding { return newFinding(code, code, "", "").withSeverity(SeverityError) }
	info := func(code string) Finding { return newFinding(code, code, "", "").withSeverity(SeverityInfo) }
	fs := func(f ...Finding) []Finding { return f }
	cases := []struct {
		rule               string
		evidence, response []Finding
		a                  answer
		otherwise          Verdict
		want               Verdict
		cause              string
	}{
		{"1: only errors decide", fs(info(CodeTokenExpired)), nil, answer{}, VerdictOK, VerdictOK, ""},
		{"1: a family-less error does not decide", fs(err(CodeServerError)), nil, answer{}, VerdictUnknown, VerdictUnknown, ""},
		{"1: a cancellation never decides", nil, fs(info(CodeNetworkAborted)), answer{}, VerdictOK, VerdictOK, ""},
		{"2: CORS hides a 200", nil, fs(err(CodeNetworkCORS)), answer{status: 200}, VerdictUnknown, VerdictNetwork, CodeNetworkCORS},
		{"2: CORS hides a 403", fs(err(CodeScopeMissing)), fs(err(CodeNetworkCORS)), answer{status: 403}, VerdictUnknown, VerdictNetwork, CodeNetworkCORS},
		{"2: no answer recorded", fs(err(CodeTokenExpired)), nil, answer{none: true}, VerdictUnknown, VerdictNetwork, ""},
		{"3: the server's 403 beats an expired token", fs(err(CodeTokenExpired)), nil, answer{status: 403}, VerdictUnknown, Verdict403, ""},
		{"3: the server's 401 beats a missing scope", fs(err(CodeScopeMissing)), nil, answer{status: 401}, VerdictUnknown, Verdict401, ""},
		{"3: evidence that agrees is the cause", fs(err(CodeTokenExpired)), fs(err(CodeServerInvalidToken)), answer{status: 401}, VerdictUnknown, Verdict401, CodeTokenExpired},
		{"3: 407 is network", nil, fs(err(CodeProxyAuthRequired)), answer{status: 407}, VerdictUnknown, VerdictNetwork, CodeProxyAuthRequired},
		{"3: 400 invalid_request is 401", nil, fs(err(CodeServerInvalidRequest)), answer{status: 400}, VerdictUnknown, Verdict401, CodeServerInvalidRequest},
		{"3: a 2xx is ok whatever the token", fs(err(CodeTokenExpired)), nil, answer{status: 200}, VerdictUnknown, VerdictOK, ""},
		{"3: a pasted challenge speaks for the server", fs(err(CodeScopeMissing)), fs(err(CodeServerInvalidToken)), answer{said: Verdict401}, VerdictOK, Verdict401, CodeServerInvalidToken},
		{"4: a 404 does not decide", fs(err(CodeTokenExpired)), nil, answer{status: 404}, VerdictUnknown, VerdictUnknown, ""},
		{"4: a 500 does not decide", nil, fs(newFinding(CodeServerError, "5xx", "", "")), answer{status: 500}, VerdictUnknown, VerdictUnknown, ""},
		{"4: the server's words decide a 404", nil, fs(err(CodeVendorAWSMissingRoute)), answer{status: 404}, VerdictUnknown, Verdict403, CodeVendorAWSMissingRoute},
		{"5: network before identity", fs(err(CodeScopeMissing), err(CodeTokenExpired), err(CodeNetworkDNS)), nil, answer{}, VerdictOK, VerdictNetwork, CodeNetworkDNS},
		{"5: identity before permission", fs(err(CodeScopeMissing), err(CodeTokenExpired)), nil, answer{}, VerdictOK, Verdict401, CodeTokenExpired},
		{"6: nothing decides", fs(info(CodeAuthAPIKey)), nil, answer{}, VerdictUnknown, VerdictUnknown, ""},
	}
	for _, c := range cases {
		d := decide(ProfileGeneric, c.evidence, c.response, c.a, c.otherwise)
		if d.verdict != c.want || d.cause.Code != c.cause {
			t.Errorf("rule %s: verdict %s (cause %q), want %s (cause %q)", c.rule, d.verdict, d.cause.Code, c.want, c.cause)
		}
	}
}

// The mismatch between the server's answer and the evidence is explained,
// and only when there is one.
func TestDecideMismatch(t *testing.T) {
	expired := newFinding(CodeTokenExpired, "expired", "", "")
	d := decide(ProfileGeneric, []Finding{expired}, nil, answer{status: 403}, VerdictUnknown)
	if fs := mismatch(d, nil, 403, nil, func() string { return "GET / → 403" }); len(fs) != 1 || fs[0].Code != CodeServerStatusMismatch {
		t.Errorf("403 to an expired token: %v, want server.status_mismatch", fs)
	}
	d = decide(ProfileGeneric, []Finding{expired}, nil, answer{status: 401}, VerdictUnknown)
	if fs := mismatch(d, nil, 401, nil, func() string { return "GET / → 401" }); len(fs) != 0 {
		t.Errorf("401 to an expired token: %v, want no mismatch", fs)
	}
}

// Of several requests, the first that was denied or blocked speaks; a
// cancellation and failures that are not about access never do.
func TestDecideEntries(t *testing.T) {
	e := func(i int, v Verdict, failed bool, status int) EntryReport {
		return EntryReport{Index: i, Verdict: v, Failed: failed, Summary: string(v), Request: Request{Method: "GET", URL: "https://x.test/"}, Response: &Response{Status: status}}
	}
	entries := []EntryReport{e(0, VerdictNetwork, false, 0), e(1, VerdictUnknown, true, 404), e(2, Verdict403, true, 403), e(3, Verdict401, true, 401)}
	if p, v, _ := decideEntries(entries, true); p != 2 || v != Verdict403 {
		t.Errorf("primary %d verdict %s, want entry 2 (403)", p, v)
	}
	if p, v, s := decideEntries(entries[:2], true); p != -1 || v != VerdictOK || s == "" {
		t.Errorf("nothing denied: primary %d verdict %s %q, want -1, ok and a sentence", p, v, s)
	}
	predicted := []EntryReport{e(0, VerdictOK, false, 0), e(1, Verdict401, false, 0)}
	if p, v, _ := decideEntries(predicted, false); p != 1 || v != Verdict401 {
		t.Errorf("commands: primary %d verdict %s, want request 1 (401)", p, v)
	}
}
