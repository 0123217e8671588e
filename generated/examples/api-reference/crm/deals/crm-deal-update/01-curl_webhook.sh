curl -X POST \
-H "Content-Type: application/json" \
-H "Accept: application/json" \
-d '{"id":7,"fields":{"TITLE":"Поставка стеллажей","OPPORTUNITY":125000},"params":{"REGISTER_SONET_EVENT":"N"}}' \
https://**put_your_bitrix24_address**/rest/**put_your_user_id_here**/**put_your_webhook_here**/crm.deal.update
