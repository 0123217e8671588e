require_once('crest.php');

$result = CRest::call(
    'tasks.task.get',
    [
        'id' => 8017,
        'select' => ['id', 'title']
    ]
);

echo '<PRE>';
print_r($result);
echo '</PRE>';
