curl -X POST \
-H "Content-Type: application/json" \
-H "Accept: application/json" \
-d '{"select":["ID","TITLE","STAGE_ID"],"filter":{">OPPORTUNITY":10000},"order":{"ID":"DESC"},"start":0,"auth":"**put_access_token_here**"}' \
https://**put_your_bitrix24_address**/rest/crm.deal.list
