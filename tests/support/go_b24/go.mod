module github.com/bitrix24/b24gosdk

go 1.19
