require_once('crest.php');

$result = CRest::call(
    'user.option.set',
    [
        'options' => [
            'theme' => 'dark',
            'rows' => '25'
        ]
    ]
);

echo '<PRE>';
print_r($result);
echo '</PRE>';
