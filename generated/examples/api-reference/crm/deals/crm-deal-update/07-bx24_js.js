BX24.callMethod(
    'crm.deal.update',
    {
        id: 7,
        fields: {
            TITLE: 'Поставка стеллажей',
            OPPORTUNITY: 125000
        },
        params: {
            REGISTER_SONET_EVENT: 'N'
        }
    },
    function(result)
    {
        if(result.error())
            console.error(result.error());
        else
            console.dir(result.data());
    }
);
