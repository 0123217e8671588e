curl -X POST \
-H "Content-Type: application/json" \
-H "Accept: application/json" \
-d '{"event":"onTaskUpdate","handler":"https://example.com/handler.php"}' \
https://**put_your_bitrix24_address**/rest/**put_your_user_id_here**/**put_your_webhook_here**/event.bind
