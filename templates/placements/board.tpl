{{%AUTOESCAPE context="HTML"}}
<div class="page-head">
  <h1>{{t_placements_title}}</h1>
  <div class="actions">{{#mine}}<a href="/placements">{{t_placements_all}}</a>{{/mine}}{{#no_mine}}<a href="/placements?mine=1">{{t_placements_mine}}</a>{{/no_mine}}</div>
</div>
<p class="muted">{{t_placements_board_hint}}</p>
<div class="board">
{{#columns}}
  <section class="board-column{{#closed}} board-closed{{/closed}}" aria-labelledby="col-{{stage}}">
    <h2 id="col-{{stage}}">{{label}} <span class="count">({{count}})</span></h2>
{{#has_cards}}
    <ul class="cards-list">
{{#cards}}
      <li class="board-card">
        <p><a href="/placements/{{id}}"><strong>{{candidate_name}}</strong></a></p>
        <p>{{post_title}}<br><span class="muted">{{company_name}}</span></p>
        <p class="muted">{{t_placements_since}} {{since}}</p>
{{#can_write}}
        <form method="post" action="/placements/{{id}}" class="inline move">
          <input type="hidden" name="csrf_token" value="{{csrf_token}}">
          <input type="hidden" name="from" value="{{stage}}">
          <label class="visually-hidden" for="move-{{id}}">{{t_placements_move_to}}: {{candidate_name}}</label>
          <select id="move-{{id}}" name="stage">
{{#stage_options}}            <option value="{{value}}">{{label}}</option>
{{/stage_options}}          </select>
          <button type="submit">{{t_placements_move}}<span class="visually-hidden">: {{candidate_name}}</span></button>
        </form>
{{/can_write}}
      </li>
{{/cards}}
    </ul>
{{/has_cards}}
{{#no_cards}}<p class="muted">–</p>{{/no_cards}}
  </section>
{{/columns}}
</div>
