BX24.callMethod(
    'tasks.task.get',
    {
        id: 8017,
        select: ['id', 'title']
    },
    function(result)
    {
        if(result.error())
            console.error(result.error());
        else
            console.dir(result.data());
    }
);
