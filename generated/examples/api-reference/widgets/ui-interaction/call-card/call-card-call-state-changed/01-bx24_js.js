BX24.ready(function () {
    BX24.init(function () {
        BX24.placement.bindEvent('CallCard::CallStateChanged', function (callState, additionalParams) {
            console.log(callState);
        });
    });
});
