try {
    $response = $b24Service
        ->core
        ->call(
            'event.bind',
            [
                'event'   => 'onAppInstall',
                'handler' => 'https://example.com/handler.php',
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
    echo 'Error binding event: ' . $e->getMessage();
}
