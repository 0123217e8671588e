// client и ctx уже созданы — см. раздел «SDK для Go»
res, err := client.Core().Call(ctx, "crm.deal.list", b24.Params{
	"select": []string{"ID", "TITLE", "STAGE_ID"},
	"filter": b24.Params{
		">OPPORTUNITY": 10000,
	},
	"order": b24.Params{
		"ID": "DESC",
	},
	"start": 0,
}, b24.WithIdempotent())
if err != nil {
	return fmt.Errorf("crm.deal.list: %w", err)
}

var items []struct {
	ID      b24.ID `json:"ID"`
	Title   string `json:"TITLE"`
	StageID string `json:"STAGE_ID"`
}
if err := json.Unmarshal(res.Result, &items); err != nil {
	return fmt.Errorf("разбор ответа: %w", err)
}
for _, it := range items {
	fmt.Println(it.ID, it.Title)
}

// Total и Next заполняют списочные методы; для полного
// обхода списка есть client.Core().Pages и Scan.
if res.Total != nil {
	fmt.Println("всего:", *res.Total)
}
