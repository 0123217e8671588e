try {
    $response = $b24Service
        ->core
        ->call(
            'tasks.task.get',
            [
                'id' => 8017,
                'select' => ['id', 'title']
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
