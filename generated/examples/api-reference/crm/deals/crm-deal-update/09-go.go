// client и ctx уже созданы — см. раздел «SDK для Go»
res, err := client.Core().Call(ctx, "crm.deal.update", b24.Params{
	"id": 7,
	"fields": b24.Params{
		"TITLE":       "Поставка стеллажей",
		"OPPORTUNITY": 125000,
	},
	"params": b24.Params{
		"REGISTER_SONET_EVENT": "N",
	},
})
if err != nil {
	return fmt.Errorf("crm.deal.update: %w", err)
}

var ok bool
if err := json.Unmarshal(res.Result, &ok); err != nil {
	return fmt.Errorf("разбор ответа: %w", err)
}
fmt.Println("выполнено:", ok)
