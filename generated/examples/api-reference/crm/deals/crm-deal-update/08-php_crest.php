require_once('crest.php');

$result = CRest::call(
    'crm.deal.update',
    [
        'id' => 7,
        'fields' => [
            'TITLE' => 'Поставка стеллажей',
            'OPPORTUNITY' => 125000
        ],
        'params' => [
            'REGISTER_SONET_EVENT' => 'N'
        ]
    ]
);

echo '<PRE>';
print_r($result);
echo '</PRE>';
