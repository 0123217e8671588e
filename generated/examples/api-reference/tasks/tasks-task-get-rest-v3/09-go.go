// client и ctx уже созданы — см. раздел «SDK для Go»
res, err := client.Core().Call(ctx, "tasks.task.get", b24.Params{
	"id":     8017,
	"select": []string{"id", "title"},
}, b24.WithIdempotent())
if err != nil {
	return fmt.Errorf("tasks.task.get: %w", err)
}

// Метод заворачивает ответ в объект с ключом "item".
raw, ok := b24.Unwrap(res.Result, "item")
if !ok {
	return fmt.Errorf("в ответе нет ключа item")
}

var item struct {
	ID    b24.ID `json:"id"`
	Title string `json:"title"`
}
if err := json.Unmarshal(raw, &item); err != nil {
	return fmt.Errorf("разбор ответа: %w", err)
}
fmt.Println(item.ID, item.Title)
