/**
 * The `oMyPlugin.command(...)` / `subscribe(...)` examples of the two WebChatService reference pages
 * (`/work/shared/seeds/`), statement for statement (their placeholder comments left out), in an
 * order that makes one chat. Each is run as-is with `eval` in a page that loaded the bundle; the
 * value of its last expression is the bus promise it built.
 */
export interface SeedSnippet {
  name: string;
  code: string;
}

export const seedSnippets: readonly SeedSnippet[] = [
  { name: 'registerPlugin', code: "var oMyPlugin = window._genesys.widgets.bus.registerPlugin('MyPlugin');" },
  { name: 'subscribe ready', code: "oMyPlugin.subscribe('WebChatService.ready', function(e){});" },
  { name: 'getAgents (short)', code: "oMyPlugin.command('WebChatService.getAgents');" },
  {
    name: 'registerPreProcessor',
    code: `oMyPlugin.command('WebChatService.registerPreProcessor', {preprocessor: function(message){
 	message.text = message.text + ' some preprocessing text'; 
 	return message;
 } }).done(function(e){
 }).fail(function(e){
 });`,
  },
  { name: 'registerTypingPreviewInput', code: "oMyPlugin.command('WebChatService.registerTypingPreviewInput', {input: $('input') }).done(function(e){\n}).fail(function(e){\n});" },
  {
    name: 'startChat (v2, flat)',
    code: `oMyPlugin.command('WebChatService.startChat', {

  	nickname: 'Jonny',
  	firstname: 'Johnathan',
  	lastname: 'Smith',
  	email: 'jon.smith@mail.com',
  	subject: 'product questions',
  	userData: {}

}).done(function(e){

}).fail(function(e){

});`,
  },
  { name: 'sendMessage', code: "oMyPlugin.command('WebChatService.sendMessage', {message: 'hi'}).done(function(e){\n}).fail(function(e){\n});" },
  { name: 'sendTyping', code: "oMyPlugin.command('WebChatService.sendTyping').done(function(e){\n}).fail(function(e){\n});" },
  { name: 'sendCustomNotice', code: "oMyPlugin.command('WebChatService.sendCustomNotice', {message: 'bye'}).done(function(e){\n}).fail(function(e){\n});" },
  { name: 'updateUserData', code: "oMyPlugin.command('WebChatService.updateUserData', {firstname: 'Joe'}).done(function(e){\n}).fail(function(e){\n});" },
  { name: 'poll', code: "oMyPlugin.command('WebChatService.poll').done(function(e){\n}).fail(function(e){\n});" },
  { name: 'stopPoll', code: "oMyPlugin.command('WebChatService.stopPoll').done(function(e){\n}).fail(function(e){\n});" },
  { name: 'startPoll', code: "oMyPlugin.command('WebChatService.startPoll').done(function(e){\n}).fail(function(e){\n});" },
  { name: 'resetPollExceptions', code: "oMyPlugin.command('WebChatService.resetPollExceptions').done(function(e){\n}).fail(function(e){\n});" },
  { name: 'restore', code: "oMyPlugin.command('WebChatService.restore').done(function(e){\n}).fail(function(e){\n});" },
  { name: 'getTranscript', code: "oMyPlugin.command('WebChatService.getTranscript').done(function(e){\n}).fail(function(e){\n});" },
  { name: 'getAgents', code: "oMyPlugin.command('WebChatService.getAgents').done(function(e){\n}).fail(function(e){\n});" },
  { name: 'getStats', code: "oMyPlugin.command('WebChatService.getStats').done(function(e){\n}).fail(function(e){\n});" },
  { name: 'getSessionData', code: "oMyPlugin.command('WebChatService.getSessionData')" },
  {
    name: 'verifySession',
    code: `oMyPlugin.command('WebChatService.verifySession').done(function(e){
               if(e.sessionActive) {
               } else if(!e.sessionActive) {
                              if(oMyPlugin.data('WebChat.open') == false){
                              } else {
                              } 
               } 
}).fail(function(e){
});`,
  },
  { name: 'fetchHistory', code: "oMyPlugin.command('WebChatService.fetchHistory')" },
  {
    name: 'sendFile',
    code: "oMyPlugin.command('WebChatService.sendFile', {files: $('<input/>').attr('type', 'file') /* Only works on UI, can not dynamically change */ }).done(function(e){\n}).fail(function(e){\n});",
  },
  { name: 'downloadFile', code: "oMyPlugin.command('WebChatService.downloadFile', {fileId: '1', fileName: 'myfile.txt'}).done(function(e){\n}).fail(function(e){\n});" },
  {
    name: 'sendFilteredMessage',
    code: `oMyPlugin.command('WebChatService.sendFilteredMessage', {

	message: 'filtered message',
	regex: /[a-zA-Z]/

}).done(function(e){

}).fail(function(e){

});`,
  },
  { name: 'addPrefilter', code: "oMyPlugin.command('WebChatService.addPrefilter', {filters: /[a-zA-Z]/}).done(function(e){\n}).fail(function(e){\n});" },
  { name: 'endChat', code: "oMyPlugin.command('WebChatService.endChat').done(function(e){\n}).fail(function(e){\n});" },
  {
    name: 'startChat (v3, form)',
    code: `oMyPlugin.command('WebChatService.startChat', {

  form:{
  	nickname: 'Jonny',
  	firstname: 'Johnathan',
  	lastname: 'Smith',
  	email: 'jon.smith@mail.com',
  	subject: 'product questions',
  },
  userData: {}

}).done(function(e){

}).fail(function(e){

});`,
  },
  { name: 'endChat (again)', code: "oMyPlugin.command('WebChatService.endChat').done(function(e){\n}).fail(function(e){\n});" },
];

/**
 * A jQuery stand-in for the two examples that use `$` (`$('input')`, `$('<input/>').attr(...)`):
 * the reference pages assume jQuery on the page; this is just enough of it (a wrapper whose `[0]`
 * is the element), injected as page source.
 */
export const jQueryStandIn = `window.$ = function (selector) {
  var tag = /^<(\\w+)\\/?>$/.exec(selector);
  var el = tag ? document.createElement(tag[1]) : document.querySelector(selector);
  var wrapper = { 0: el, length: el ? 1 : 0, jquery: 'stand-in', attr: function (k, v) { el.setAttribute(k, v); return wrapper; } };
  return wrapper;
};`;
