package hargen

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
)

// TestWriteSession checks the traits the session file promises, and that a
// seed gives the same bytes every time.
func TestWriteSession(t *testing.T) {
	var a, b bytes.Buffer
	s, err := WriteSession(&a, 2<<20, 7)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := WriteSession(&b, 2<<20, 7); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the same seed gave different files")
	}
	if s.Bytes != int64(a.Len()) || s.Bytes < 2<<20 || s.Bytes > 2<<20+64<<10 {
		t.Fatalf("Bytes = %d, file %d, want just over %d", s.Bytes, a.Len(), 2<<20)
	}
	var har struct {
		Log struct {
			Entries []struct {
				Initiator    map[string]any `json:"_initiator"`
				Priority     string         `json:"_priority"`
				ResourceType string         `json:"_resourceType"`
				ServerIP     string         `json:"serverIPAddress"`
				Connection   string         `json:"connection"`
				Timings      map[string]float64
				Request      struct {
					URL     string
					Headers []struct{ Name, Value string }
					Cookies []struct{ Name, Value string }
				}
				Response struct {
					Status  int
					Headers []struct{ Name, Value string }
					Content struct {
						MimeType, Text, Encoding string
					}
				}
			}
		}
	}
	if err := json.Unmarshal(a.Bytes(), &har); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	es := har.Log.Entries
	if len(es) != s.Entries || len(es) < 100 {
		t.Fatalf("%d entries, Session says %d", len(es), s.Entries)
	}
	tokens := map[string]bool{}
	var jsonBodies, pdfBodies int
	for i, e := range es {
		if e.Initiator["type"] != "script" || e.Priority == "" || e.ResourceType != "fetch" || e.ServerIP == "" || e.Connection == "" {
			t.Fatalf("entry %d lacks Chrome's members", i)
		}
		if _, ok := e.Timings["_blocked_queueing"]; !ok {
			t.Fatalf("entry %d: no _blocked_queueing", i)
		}
		if len(e.Request.Headers) != 12 || len(e.Response.Headers) != 12 || len(e.Request.Cookies) != 3 {
			t.Fatalf("entry %d: %d request headers, %d response headers, %d cookies", i, len(e.Request.Headers), len(e.Response.Headers), len(e.Request.Cookies))
		}
		var auth, cookie, setCookie bool
		for _, h := range e.Request.Headers {
			if h.Name == "authorization" {
				tok, ok := strings.CutPrefix(h.Value, "Bearer ")
				auth = ok && strings.Count(tok, ".") == 2
				tokens[tok] = true
			}
			cookie = cookie || h.Name == "cookie"
		}
		for _, h := range e.Response.Headers {
			setCookie = setCookie || h.Name == "set-cookie"
		}
		if !auth || !cookie || (!setCookie && i < len(es)-1) {
			t.Fatalf("entry %d: authorization %v, cookie %v, set-cookie %v", i, auth, cookie, setCookie)
		}
		if i == len(es)-1 {
			if e.Response.Status != 403 || e.Request.URL != s.DeniedURL {
				t.Fatalf("last entry: %d %s, want the denied request", e.Response.Status, e.Request.URL)
			}
			continue
		}
		if e.Response.Status != 200 {
			t.Fatalf("entry %d: status %d; only the last is denied", i, e.Response.Status)
		}
		c := e.Response.Content
		switch {
		case c.Encoding == "base64" && c.MimeType == "application/pdf":
			raw, err := base64.StdEncoding.DecodeString(c.Text)
			if err != nil || !bytes.HasPrefix(raw, []byte("%PDF-")) || len(c.Text) < 6<<10 || len(c.Text) > 8<<10 {
				t.Fatalf("entry %d: a PDF body of %d bytes (%v)", i, len(c.Text), err)
			}
			pdfBodies++
		case strings.HasPrefix(c.MimeType, "application/json"):
			var v struct {
				Data []struct {
					Email     string
					CreatedAt string
					Profile   struct{ Address struct{ City string } }
				}
			}
			if err := json.Unmarshal([]byte(c.Text), &v); err != nil || len(v.Data) == 0 || !strings.Contains(v.Data[0].Email, "@") ||
				!strings.Contains(v.Data[0].CreatedAt, "T") || v.Data[0].Profile.Address.City == "" || len(c.Text) < 6<<10 || len(c.Text) > 8<<10 {
				t.Fatalf("entry %d: a JSON body of %d bytes (%v)", i, len(c.Text), err)
			}
			jsonBodies++
		default:
			t.Fatalf("entry %d: body %s %s", i, c.MimeType, c.Encoding)
		}
	}
	if d := jsonBodies - pdfBodies; d < -1 || d > 1 {
		t.Errorf("%d JSON bodies, %d PDF bodies: want half and half", jsonBodies, pdfBodies)
	}
	if len(tokens) != len(s.Tokens) || len(tokens) < 2 || len(tokens) > 5 {
		t.Errorf("%d distinct tokens (Session says %d): want a few rotating", len(tokens), len(s.Tokens))
	}
}
