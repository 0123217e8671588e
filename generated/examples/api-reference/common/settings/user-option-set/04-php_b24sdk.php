try {
    $response = $b24Service
        ->core
        ->call(
            'user.option.set',
            [
                'options' => [
                    'theme' => 'dark',
                    'rows' => '25'
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
