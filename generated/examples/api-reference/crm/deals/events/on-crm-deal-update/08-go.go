// client и ctx уже созданы — см. раздел «SDK для Go»
res, err := client.Core().Call(ctx, "event.bind", b24.Params{
	"event":   "onCrmDealUpdate",
	"handler": "https://example.com/handler.php",
})
if err != nil {
	return fmt.Errorf("event.bind: %w", err)
}

var ok bool
if err := json.Unmarshal(res.Result, &ok); err != nil {
	return fmt.Errorf("разбор ответа: %w", err)
}
fmt.Println("выполнено:", ok)
