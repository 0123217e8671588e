'use strict'
// Batched JavaScript syntax check for tests/support/checkers.py.
// Reads [{name, code}] as JSON from the file in argv[2], compiles each code with vm.Script
// (compile only, nothing runs) and prints [{name, line, message}] for those that do not compile.
const fs = require('node:fs')
const vm = require('node:vm')

const items = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))
const failures = []
for (const { name, code } of items) {
  try {
    new vm.Script(code, { filename: name })
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error
    // V8 puts "<filename>:<line>" on the first line of a compile error's stack.
    const where = /:(\d+)$/.exec(String(error.stack).split('\n')[0])
    failures.push({ name, line: where ? Number(where[1]) : 0, message: `SyntaxError: ${error.message}` })
  }
}
process.stdout.write(JSON.stringify(failures))
