{{%AUTOESCAPE context="HTML"}}
<p><a href="/placements/{{placement_id}}">← {{t_placements_back}}</a></p>
<section class="narrow">
<h1>{{t_placements_shared_title}}</h1>
<div class="notice notice-good" role="status">{{t_placements_shared_text}}</div>
<div class="field"><label for="share-url">{{t_placements_share_url}}</label>
  <input id="share-url" type="text" readonly value="{{url}}" aria-describedby="share-url-hint">
  <p class="hint" id="share-url-hint">{{t_placements_share_url_hint}} {{expires_local}}</p></div>
{{#company_email}}<p>{{t_placements_share_send_to}} <a href="mailto:{{address}}">{{address}}</a></p>{{/company_email}}
<p><a class="button" href="/placements/{{placement_id}}">{{t_placements_back}}</a></p>
</section>
