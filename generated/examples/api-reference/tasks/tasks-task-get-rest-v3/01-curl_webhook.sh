curl -X POST \
-H "Content-Type: application/json" \
-H "Accept: application/json" \
-d '{"id":8017,"select":["id","title"]}' \
https://**put_your_bitrix24_address**/rest/api/**put_your_user_id_here**/**put_your_webhook_here**/tasks.task.get
