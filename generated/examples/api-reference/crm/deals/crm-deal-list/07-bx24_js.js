BX24.callMethod(
    'crm.deal.list',
    {
        select: ['ID', 'TITLE', 'STAGE_ID'],
        filter: {
            '>OPPORTUNITY': 10000
        },
        order: {
            ID: 'DESC'
        },
        start: 0
    },
    function(result)
    {
        if(result.error())
            console.error(result.error());
        else
            console.dir(result.data());
    }
);
