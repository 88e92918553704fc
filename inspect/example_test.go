package inspect_test

import (
	"fmt"
	"time"

	"whydenied/inspect"
)

// A token pasted with its header, checked against what the API requires at
// a fixed moment: the verdict, its sentence and the finding codes.
func Example() {
	// {"alg":"HS256"} . {"aud":"api://orders","scp":"Orders.Read","exp":1767229200}, made up.
	text := "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJhcGk6Ly9vcmRlcnMiLCJzY3AiOiJPcmRlcnMuUmVhZCIsImV4cCI6MTc2NzIyOTIwMH0.c2lnbmF0dXJl"
	req, _ := inspect.ParseRequirement("aud=api://orders\nscope=Orders.Read Orders.Write")
	c, _ := inspect.Parse(text)
	r := inspect.Diagnose(c, req, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 0)
	fmt.Println(r.Verdict)
	fmt.Println(r.Summary)
	for _, f := range r.Findings {
		fmt.Println(f.Code, "-", f.Title)
	}
	// Output:
	// 403
	// Missing scope: Orders.Write. The server knows who you are but refuses, so it answers 403.
	// scope.missing - Missing scope: Orders.Write
}
