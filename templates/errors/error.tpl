{{%AUTOESCAPE context="HTML"}}
<section class="error-page">
  <p class="error-status">{{status}}</p>
{{#error}}
  <h1>{{message}}</h1>
{{/error}}
{{#has_problems}}
  <ul class="problems">
{{#problems}}
    <li><strong>{{field}}</strong>: {{message}}</li>
{{/problems}}
  </ul>
{{/has_problems}}
  <p><a href="/">{{t_error_back_home}}</a></p>
</section>
