// Swagger UI on the contract this server publishes. "Try it out" calls this server (the contract's own
// servers list names a fixed local address), with the bearer token entered under Authorize.
(function () {
  var root = document.getElementById('swagger-ui');
  var thisServer = window.location.origin + root.dataset.apiBase;

  function ThisServerPlugin() {
    return {
      statePlugins: {
        spec: {
          wrapActions: {
            updateJsonSpec: function (original) {
              return function (spec) {
                return original(Object.assign({}, spec, { servers: [{ url: thisServer, description: 'This server' }] }));
              };
            }
          }
        }
      }
    };
  }

  window.ui = SwaggerUIBundle({
    url: root.dataset.specUrl,
    dom_id: '#swagger-ui',
    presets: [SwaggerUIBundle.presets.apis],
    plugins: [ThisServerPlugin],
    layout: 'BaseLayout',
    deepLinking: true,
    displayRequestDuration: true,
    validatorUrl: null
  });
})();
