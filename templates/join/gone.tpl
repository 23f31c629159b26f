{{%AUTOESCAPE context="HTML"}}
<section class="join">
  <h1>{{title}}</h1>
{{#error}}  <p>{{message}}</p>{{/error}}
{{#school}}  <p>{{t_join_gone_school}} <strong>{{name}}</strong></p>{{/school}}
  <p>{{t_join_ask}}</p>
{{#contact}}{{#known}}  <p>{{name}}<br>{{phone}} {{email}}</p>{{/known}}{{/contact}}
</section>
