BX24.callMethod(
    'event.bind',
    {
        "event": "onOfflineEvent",
        "handler": "https://example.com/handler.php"
    },
    function(result) {
        if (result.error()) {
            console.error(result.error());
        } else {
            console.info(result.data());
        }
    }
);
