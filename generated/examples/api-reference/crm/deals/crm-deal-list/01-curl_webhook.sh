curl -X POST \
-H "Content-Type: application/json" \
-H "Accept: application/json" \
-d '{"select":["ID","TITLE","STAGE_ID"],"filter":{">OPPORTUNITY":10000},"order":{"ID":"DESC"},"start":0}' \
https://**put_your_bitrix24_address**/rest/**put_your_user_id_here**/**put_your_webhook_here**/crm.deal.list
