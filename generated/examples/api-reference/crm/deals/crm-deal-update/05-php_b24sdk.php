try {
    $response = $b24Service
        ->core
        ->call(
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
