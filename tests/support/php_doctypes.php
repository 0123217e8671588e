<?php
// Parse every PHPDoc type of the given PHP files with PHPStan's own phpdoc parser
// (Debian: php-phpstan-phpdoc-parser) and check that each named type is a PHPStan built-in,
// a class name or a @phpstan-type alias of the same file.
// Prints `path:line: CODE message` per problem and `checked: <files> files, <tags> tags`.
// Usage: php php_doctypes.php <autoload.php> <file.php>...

declare(strict_types=1);

use PHPStan\PhpDocParser\Ast\Node;
use PHPStan\PhpDocParser\Ast\PhpDoc\InvalidTagValueNode;
use PHPStan\PhpDocParser\Ast\PhpDoc\TypeAliasTagValueNode;
use PHPStan\PhpDocParser\Ast\Type\ArrayShapeItemNode;
use PHPStan\PhpDocParser\Ast\Type\IdentifierTypeNode;
use PHPStan\PhpDocParser\Lexer\Lexer;
use PHPStan\PhpDocParser\Parser\ConstExprParser;
use PHPStan\PhpDocParser\Parser\PhpDocParser;
use PHPStan\PhpDocParser\Parser\TokenIterator;
use PHPStan\PhpDocParser\Parser\TypeParser;

require $argv[1];

const BUILTIN = [
    'int', 'float', 'string', 'bool', 'mixed', 'array', 'list', 'null', 'true', 'false',
    'array-key', 'numeric-string', 'non-empty-string', 'class-string', 'callable', 'void',
    'object', 'iterable', 'never', 'scalar', 'positive-int', 'non-empty-array', 'non-empty-list',
];

/** @return list<string> */
function identifiers(mixed $node): array
{
    if ($node instanceof IdentifierTypeNode) {
        return [$node->name];
    }
    if ($node instanceof ArrayShapeItemNode) {
        return identifiers($node->valueType); // the key is a name, not a type
    }
    $found = [];
    if (is_array($node) || $node instanceof Node) {
        foreach (is_array($node) ? $node : get_object_vars($node) as $child) {
            if (is_array($child) || $child instanceof Node) {
                array_push($found, ...identifiers($child));
            }
        }
    }
    return $found;
}

$constParser = new ConstExprParser();
$parser = new PhpDocParser(new TypeParser($constParser), $constParser);
$lexer = new Lexer();
$tags = 0;
$problems = 0;
foreach (array_slice($argv, 2) as $path) {
    $aliases = [];
    $used = [];
    foreach (token_get_all((string) file_get_contents($path)) as $token) {
        if (!is_array($token) || $token[0] !== T_DOC_COMMENT) {
            continue;
        }
        $doc = $parser->parse(new TokenIterator($lexer->tokenize($token[1])));
        foreach ($doc->getTags() as $tag) {
            $tags++;
            if ($tag->value instanceof InvalidTagValueNode) {
                echo "$path:{$token[2]}: E-PHPDOC {$tag->name}: {$tag->value->exception->getMessage()}\n";
                $problems++;
                continue;
            }
            if ($tag->value instanceof TypeAliasTagValueNode) {
                $aliases[$tag->value->alias] = true;
            }
            foreach (identifiers($tag->value) as $name) {
                $used[$name] = $token[2];
            }
        }
    }
    foreach ($used as $name => $line) {
        if (!in_array(strtolower($name), BUILTIN, true) && !isset($aliases[$name]) && !str_contains($name, '\\')) {
            echo "$path:$line: E-UNKNOWN-TYPE $name is neither built in nor a @phpstan-type of the file\n";
            $problems++;
        }
    }
}
echo 'checked: ' . (count($argv) - 2) . " files, $tags tags\n";
exit($problems === 0 ? 0 : 1);
