curl -X POST \
-H "Content-Type: application/json" \
-H "Accept: application/json" \
-d '{"options":{"theme":"dark","rows":"25"},"auth":"**put_access_token_here**"}' \
https://**put_your_bitrix24_address**/rest/user.option.set
