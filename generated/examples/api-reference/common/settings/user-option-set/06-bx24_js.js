BX24.callMethod(
    'user.option.set',
    {
        options: {
            theme: 'dark',
            rows: '25'
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
