curl -X POST \
-H "Content-Type: application/json" \
-H "Accept: application/json" \
-d '{"id":7,"fields":{"TITLE":"Поставка стеллажей","OPPORTUNITY":125000},"params":{"REGISTER_SONET_EVENT":"N"},"auth":"**put_access_token_here**"}' \
https://**put_your_bitrix24_address**/rest/crm.deal.update
