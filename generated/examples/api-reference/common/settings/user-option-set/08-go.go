// client и ctx уже созданы — см. раздел «SDK для Go»
res, err := client.Core().Call(ctx, "user.option.set", b24.Params{
	"options": b24.Params{
		"theme": "dark",
		"rows":  "25",
	},
})
if err != nil {
	return fmt.Errorf("user.option.set: %w", err)
}

var ok bool
if err := json.Unmarshal(res.Result, &ok); err != nil {
	return fmt.Errorf("разбор ответа: %w", err)
}
fmt.Println("выполнено:", ok)
