require_once('crest.php');

$result = CRest::call(
    'crm.deal.list',
    [
        'select' => ['ID', 'TITLE', 'STAGE_ID'],
        'filter' => [
            '>OPPORTUNITY' => 10000
        ],
        'order' => [
            'ID' => 'DESC'
        ],
        'start' => 0
    ]
);

echo '<PRE>';
print_r($result);
echo '</PRE>';
