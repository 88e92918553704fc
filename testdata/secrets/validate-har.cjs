// Validates HAR files against the HAR 1.2 JSON schema (har-schema, through
// har-validator): node validate-har.cjs NODE_MODULES FILE...
// Prints each file's schema errors and exits 1 if a file has any. The
// browser tests run it on the sanitized HAR the page downloads.
"use strict";
const fs = require("fs");
const path = require("path");
const [modules, ...files] = process.argv.slice(2);
const validate = require(path.join(path.resolve(modules), "har-validator"));
(async () => {
  let bad = 0;
  for (const f of files) {
    try {
      await validate.har(JSON.parse(fs.readFileSync(f, "utf8")));
    } catch (e) {
      bad++;
      console.log(f + ": " + JSON.stringify(e.errors || String(e)));
    }
  }
  process.exit(bad ? 1 : 0);
})();
