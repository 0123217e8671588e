<?php
// Batched PHP lint for tests/support/checkers.py.
// Reads [{name, code}] as JSON from the file in argv[1] and parses each code with
// token_get_all(TOKEN_PARSE): the parser only, so nothing runs and snippets that declare the
// same function cannot clash. Prints [{name, line, message}] for those that do not parse.
declare(strict_types=1);

$items = json_decode((string) file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR);
$failures = [];
foreach ($items as $item) {
    try {
        token_get_all($item['code'], TOKEN_PARSE);
    } catch (CompileError $error) {
        $failures[] = [
            'name' => $item['name'],
            'line' => $error->getLine(),
            'message' => 'PHP Parse error: ' . $error->getMessage(),
        ];
    }
}
echo json_encode($failures, JSON_THROW_ON_ERROR);
