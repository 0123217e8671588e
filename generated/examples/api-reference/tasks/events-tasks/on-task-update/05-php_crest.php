require_once('crest.php');

$result = CRest::call(
    'event.bind',
    [
        'event' => 'onTaskUpdate',
        'handler' => 'https://example.com/handler.php'
    ]
);

echo '<PRE>';
print_r($result);
echo '</PRE>';
