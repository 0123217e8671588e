#!/usr/bin/env node
// Peer benchmark: render every listed page to HTML with @diplodoc/transform in this one process.
//
// usage: node diplodoc_driver.js LIST_FILE
//   LIST_FILE: first line the docs root (absolute), then one page path per line, relative to it.
// Prints one JSON line: {"pages": N, "html_bytes": N, "errors": N}.
// Resolved from benchmarks/.peer/node_modules (installed by benchmarks/run.py on first use).
'use strict';

const fs = require('fs');
const path = require('path');

const peer = path.join(__dirname, '.peer', 'node_modules');
const transform = require(path.join(peer, '@diplodoc', 'transform'));
const {log} = require(path.join(peer, '@diplodoc', 'transform', 'lib', 'log'));

const [root, ...rels] = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
let htmlBytes = 0;
let errors = 0;
for (const rel of rels) {
    const file = path.join(root, rel);
    const content = fs.readFileSync(file, 'utf8');
    try {
        // `root` + `path` let the includes plugin resolve `{% include %}` like the docs build does.
        const {result} = transform(content, {path: file, root, vars: {}});
        htmlBytes += result.html.length;
    } catch (e) {
        errors += 1;
    }
    log.clear(); // the collector de-duplicates with a linear scan: keep it per page
}
process.stdout.write(JSON.stringify({pages: rels.length, html_bytes: htmlBytes, errors}) + '\n');
