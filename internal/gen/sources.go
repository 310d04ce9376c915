package main

import "strings"

// The files the generator reads, as generated headers name them.
const (
	catalogFile = "internal/gen/catalog.json"
	eventsFile  = "internal/gen/events.json"
)

// noteSources records the file each model and action of c (catalog.json)
// and of e (events.json) comes from, before add merges them.
func (c *catalog) noteSources(e *catalog) {
	c.from = map[string]string{}
	for _, in := range []struct {
		cat  *catalog
		file string
	}{{c, catalogFile}, {e, eventsFile}} {
		for _, a := range in.cat.Actions {
			c.from["action:"+a.ID] = in.file
		}
		for _, models := range []map[string]model{in.cat.Models, in.cat.Extra.Models} {
			for key := range models {
				c.from["model:"+key] = in.file
			}
		}
	}
}

// sources returns, in a fixed order, the files the package's models (when
// models is set) and its requests and actions with their API v1 twins
// (when actions is set) come from.
func (g *gen) sources(models, actions bool) []string {
	used := map[string]bool{}
	if models {
		for _, m := range g.pkg.Models {
			used[g.cat.from["model:"+m.Key]] = true
		}
	}
	if actions {
		var ids []string
		for _, r := range g.pkg.Requests {
			ids = append(ids, r.Action)
		}
		for _, a := range g.pkg.Actions {
			ids = append(ids, a.Action)
		}
		for _, id := range ids {
			used[g.cat.from["action:"+id]] = true
			used[g.cat.from["action:"+strings.Replace(id, ".", "_v1.", 1)]] = true
		}
	}
	var out []string
	for _, f := range []string{catalogFile, eventsFile} {
		if used[f] {
			out = append(out, f)
		}
	}
	return out
}
