try {
    $response = $b24Service
        ->core
        ->call(
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

    $result = $response
        ->getResponseData()
        ->getResult();

    echo 'Success: ' . print_r($result, true);
    // Нужная вам логика обработки данных
    processData($result);

} catch (Throwable $e) {
    error_log($e->getMessage());
    echo 'Error: ' . $e->getMessage();
}
