curl -X POST \
-H "Content-Type: application/json" \
-H "Accept: application/json" \
-d '{"event":"onCrmDealUpdate","handler":"https://example.com/handler.php","auth":"**put_access_token_here**"}' \
https://**put_your_bitrix24_address**/rest/event.bind
